using System.Runtime.InteropServices;
using System.Text;

namespace EdgeRouter.Llama.Native;

internal static unsafe class NativeText
{
    /// <summary>Copies a library-owned NUL-terminated UTF-8 string (never freed by us); null becomes "".</summary>
    public static string Utf8(byte* text) =>
        text == null ? string.Empty : Encoding.UTF8.GetString(MemoryMarshal.CreateReadOnlySpanFromNullTerminated(text));
}

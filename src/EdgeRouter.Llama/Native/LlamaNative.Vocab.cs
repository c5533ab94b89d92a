using System.Runtime.InteropServices;

namespace EdgeRouter.Llama.Native;

internal static unsafe partial class LlamaNative
{
    [LibraryImport(NativeLibraryNames.Llama)]
    public static partial int llama_vocab_n_tokens(IntPtr vocab);

    [LibraryImport(NativeLibraryNames.Llama)]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool llama_vocab_is_eog(IntPtr vocab, int token);

    /// <summary>
    /// <paramref name="textLen"/> is in bytes. Returns the token count, or -(needed) when
    /// <paramref name="nTokensMax"/> is too small, or int.MinValue on overflow.
    /// </summary>
    [LibraryImport(NativeLibraryNames.Llama)]
    public static partial int llama_tokenize(
        IntPtr vocab, byte* text, int textLen, int* tokens, int nTokensMax,
        [MarshalAs(UnmanagedType.U1)] bool addSpecial, [MarshalAs(UnmanagedType.U1)] bool parseSpecial);

    /// <summary>Writes no NUL; returns the byte count or -(needed). A piece may be a partial UTF-8 sequence.</summary>
    [LibraryImport(NativeLibraryNames.Llama)]
    public static partial int llama_token_to_piece(
        IntPtr vocab, int token, byte* buf, int length, int lstrip, [MarshalAs(UnmanagedType.U1)] bool special);

    [LibraryImport(NativeLibraryNames.Llama)]
    public static partial int llama_vocab_bos(IntPtr vocab);

    [LibraryImport(NativeLibraryNames.Llama)]
    public static partial int llama_vocab_eos(IntPtr vocab);

    /// <summary>Whether tokenizing with add_special prepends BOS.</summary>
    [LibraryImport(NativeLibraryNames.Llama)]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool llama_vocab_get_add_bos(IntPtr vocab);
}

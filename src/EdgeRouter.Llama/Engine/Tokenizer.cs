using EdgeRouter.Llama.Native;

namespace EdgeRouter.Llama.Engine;

internal static unsafe class Tokenizer
{
    /// <summary>
    /// Tokenizes UTF-8 with add_special (BOS if the model wants it) and parse_special (so "&lt;|im_start|&gt;" in a
    /// rendered template becomes the control token). Grows <paramref name="tokens"/> as needed; returns the count.
    /// </summary>
    public static int Tokenize(IntPtr vocab, ReadOnlySpan<byte> utf8, ref int[] tokens)
    {
        byte empty = 0;
        while (true)
        {
            int count;
            fixed (byte* text = utf8)
            fixed (int* output = tokens)
            {
                // An empty span pins to NULL; llama.cpp builds a std::string from the pointer, so give it a real one.
                var source = text == null ? &empty : text;
                count = LlamaNative.llama_tokenize(vocab, source, utf8.Length, output, tokens.Length, addSpecial: true, parseSpecial: true);
            }

            if (count >= 0)
            {
                return count;
            }

            if (count == int.MinValue)
            {
                throw new LlamaException("The prompt tokenizes to more than int.MaxValue tokens.");
            }

            tokens = new int[Math.Max(-count, tokens.Length * 2)];
        }
    }
}

namespace EdgeRouter.Llama.Native;

/// <summary>Where libllama is and which directory its ggml siblings and CPU backend variants are loaded from.</summary>
internal sealed record NativeLibraryLocation(string LlamaPath, string Directory)
{
    /// <summary>
    /// An explicit <paramref name="libraryPath"/> (e.g. a CUDA build in /opt/llama/libllama.so) wins; otherwise the
    /// pinned file names are looked up in <paramref name="libraryDirectory"/>, which defaults to the app directory
    /// where build/NativeLibs.targets copies them.
    /// </summary>
    /// <exception cref="LlamaLibraryException">No libllama at the given place.</exception>
    public static NativeLibraryLocation Resolve(string? libraryPath, string? libraryDirectory)
    {
        if (!string.IsNullOrWhiteSpace(libraryPath))
        {
            var full = Path.GetFullPath(libraryPath);
            if (!File.Exists(full))
            {
                throw new LlamaLibraryException(
                    $"libllama not found at {full} (configured library path). Point it at an existing libllama .so " +
                    "built from llama.cpp 0.5.x, or unset it to use the bundled libraries from scripts/fetch-native.sh.");
            }

            return new NativeLibraryLocation(full, Path.GetDirectoryName(full)!);
        }

        var directory = Path.GetFullPath(string.IsNullOrWhiteSpace(libraryDirectory) ? AppContext.BaseDirectory : libraryDirectory);
        var candidates = NativeLibraryNames.CandidateFiles(NativeLibraryNames.Llama);
        foreach (var candidate in candidates)
        {
            var path = Path.Combine(directory, candidate);
            if (File.Exists(path))
            {
                return new NativeLibraryLocation(path, directory);
            }
        }

        throw new LlamaLibraryException(
            $"libllama not found in {directory} (looked for {string.Join(", ", candidates)}). " +
            "Run scripts/fetch-native.sh, or configure the library directory or an explicit libllama path.");
    }

    /// <summary>First existing file for a logical library name inside <see cref="Directory"/>, or null.</summary>
    public string? FindSibling(string logicalName)
    {
        foreach (var candidate in NativeLibraryNames.CandidateFiles(logicalName))
        {
            var path = Path.Combine(Directory, candidate);
            if (File.Exists(path))
            {
                return path;
            }
        }

        return null;
    }
}

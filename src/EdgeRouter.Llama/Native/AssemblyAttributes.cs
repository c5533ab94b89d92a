using System.Runtime.CompilerServices;

// bool fields must be 1-byte blittable so the 80/160-byte llama params structs pass by value without
// generated marshalling (SYSLIB1051 otherwise); see shared/docs/llama-cpp-binding-facts.md §6.1.
[assembly: DisableRuntimeMarshalling]
[assembly: InternalsVisibleTo("EdgeRouter.Tests")]

// The bench tool times the grammar guide's pick against llama.cpp's full-vocabulary pass on the same logits.
[assembly: InternalsVisibleTo("edgerouter-bench")]

namespace EdgeRouter.Prompts;

/// <summary>Marks the assembly; the chat-template, tool-call and grammar code lives in the folders beside it.</summary>
internal static class PromptsAssembly
{
}

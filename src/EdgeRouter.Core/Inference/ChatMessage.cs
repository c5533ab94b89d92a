namespace EdgeRouter.Inference;

/// <summary>One turn of a conversation, already validated by the API surface.</summary>
public sealed record ChatMessage(string Role, string Content);

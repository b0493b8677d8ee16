using System.Text.Json.Serialization;

namespace PaperBot.Core.Presentation;

/// <summary>
/// One part of a reply's body, in reading order. Every channel draws each kind its own way (a Teams ColumnSet, two
/// inline Discord fields, two short terminal blocks), so the answerers say what a part is, never how it looks.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "block")]
[JsonDerivedType(typeof(ProseBlock), "prose")]
[JsonDerivedType(typeof(PaperListBlock), "list")]
[JsonDerivedType(typeof(ComparisonBlock), "comparison")]
[JsonDerivedType(typeof(PaperDetailsBlock), "paper")]
public abstract record ReplyBlock;

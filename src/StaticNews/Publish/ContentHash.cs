using System.Security.Cryptography;

namespace StaticNews.Publish;

/// <summary>The hash of a file's bytes as users and state files see it (content, theme and configuration hashes): a SHA-256 in lowercase hex.</summary>
public static class ContentHash
{
    public static string Of(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}

using StaticNews.Tests.Browser.Support;

namespace StaticNews.Tests.Browser;

[Collection("browser")]
public sealed class SmokeTests(BrowserSite site)
{
    [Fact]
    public async Task Opens()
    {
        await using var probe = await site.OpenAsync("/en/");
        Assert.Equal(200, probe.Status);
        Assert.Equal("en", await probe.EvalAsync<string>("document.documentElement.lang"));
    }
}

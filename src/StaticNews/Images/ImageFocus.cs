using System.Globalization;

namespace StaticNews.Images;

/// <summary>
/// The point of an image that every crop keeps in view (front matter <c>image_focus: [x, y]</c>), as fractions of
/// its width and height from the top left; the centre unless the story says otherwise.
/// </summary>
public readonly record struct ImageFocus(double X, double Y)
{
    public static readonly ImageFocus Centre = new(0.5, 0.5);

    /// <summary>Whole percentages: the precision a crop's file name carries, so two foci that crop alike share the file.</summary>
    public string Name => $"{Percent(X)}-{Percent(Y)}";

    private static string Percent(double fraction) =>
        ((int)Math.Round(Math.Clamp(fraction, 0, 1) * 100, MidpointRounding.AwayFromZero)).ToString(CultureInfo.InvariantCulture);
}

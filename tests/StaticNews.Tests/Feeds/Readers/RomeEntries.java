// What ROME (behind many Java feed tools) reads from feed files.
// usage: java -cp rome.jar:rome-utils.jar:jdom2.jar:slf4j-api.jar RomeEntries.java FILE...
// Prints JSON: for each file, each entry's link and category names, in feed order.
import com.rometools.rome.feed.synd.SyndCategory;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;
import java.io.File;
import java.util.ArrayList;
import java.util.List;

public class RomeEntries {
    public static void main(String[] args) throws Exception {
        List<String> feeds = new ArrayList<>();
        for (String path : args) {
            SyndFeed feed = new SyndFeedInput().build(new XmlReader(new File(path)));
            List<String> entries = new ArrayList<>();
            for (SyndEntry entry : feed.getEntries()) {
                List<String> categories = new ArrayList<>();
                for (SyndCategory category : entry.getCategories()) categories.add(json(category.getName()));
                entries.add("{\"link\":" + json(entry.getLink()) + ",\"categories\":[" + String.join(",", categories) + "]}");
            }
            feeds.add(json(path) + ":{\"problem\":null,\"entries\":[" + String.join(",", entries) + "]}");
        }
        System.out.print("{" + String.join(",", feeds) + "}");
    }

    private static String json(String text) {
        if (text == null) return "null";
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') out.append('\\').append(c);
            else if (c < 0x20) out.append(String.format("\\u%04x", (int) c));
            else out.append(c);
        }
        return out.append('"').toString();
    }
}

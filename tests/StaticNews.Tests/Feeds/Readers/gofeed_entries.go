// What gofeed (behind many Go feed tools) reads from feed files.
// usage: gofeed_entries FILE...   Prints JSON: for each file, each entry's link and categories, in feed order.
package main

import (
	"encoding/json"
	"os"

	"github.com/mmcdole/gofeed"
)

type entry struct {
	Link       string   `json:"link"`
	Categories []string `json:"categories"`
}

type feed struct {
	Problem *string `json:"problem"`
	Entries []entry `json:"entries"`
}

func main() {
	parser := gofeed.NewParser()
	result := map[string]feed{}
	for _, path := range os.Args[1:] {
		file, err := os.Open(path)
		if err != nil {
			panic(err)
		}
		parsed, err := parser.Parse(file)
		file.Close()
		if err != nil {
			problem := err.Error()
			result[path] = feed{Problem: &problem}
			continue
		}
		entries := []entry{}
		for _, item := range parsed.Items {
			entries = append(entries, entry{Link: item.Link, Categories: item.Categories})
		}
		result[path] = feed{Entries: entries}
	}
	json.NewEncoder(os.Stdout).Encode(result)
}

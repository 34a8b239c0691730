# A realistic small travel and conference blog, for the tests of what a reader sees.
project = "Notes from the Road"
author = "Ana Example"
extensions = ["postarchive"]
html_theme = "furo"
language = "en"
exclude_patterns = ["_build"]
tags_page_title = "Tag"
tags_overview_title = "Tags"
html_baseurl = "https://notes.example.org/"

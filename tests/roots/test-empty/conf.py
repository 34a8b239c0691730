extensions = ["postarchive"]
html_theme = "furo"
exclude_patterns = ["_build"]
tags_page_title = "Tag"
tags_overview_title = "Tags"
language = "en"

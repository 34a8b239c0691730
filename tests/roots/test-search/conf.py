extensions = ["postarchive"]
html_theme = "furo"
exclude_patterns = ["_build"]
language = "en"

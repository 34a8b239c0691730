extensions = ["postarchive"]
html_theme = "furo"
exclude_patterns = ["_build"]
myst_heading_anchors = 3
postarchive_old_post_urls = ["/post/{year}/{slug}/"]
postarchive_old_journey_urls = ["/journeys/{slug}/"]
postarchive_old_tag_urls = ["/tags/{name}/"]
postarchive_old_domains = ["old.example.com"]

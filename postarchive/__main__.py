from postarchive.cli import main

main()

from monoreg.cli import main

main()

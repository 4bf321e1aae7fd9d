from itnet.cli import main

raise SystemExit(main())

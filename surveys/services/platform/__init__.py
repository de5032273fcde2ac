"""Platform: what every stage uses: accounts, scoping, audit, calendar, messages, errors and file reading."""

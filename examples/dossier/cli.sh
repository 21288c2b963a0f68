#!/usr/bin/env bash
# Walk the example dossier through all five steps from the command line.
# Usage: examples/dossier/cli.sh [DB]   (default: a fresh SQLite file in a temporary folder)
set -euo pipefail
cd "$(dirname "$0")"
DB=${1:-$(mktemp -d)/dossiers.sqlite3}
MELDCODE=${MELDCODE:-meldcode}

for stap in 01-signaal 02-consultatie 03-gesprek-ouders 04-weging 05-besluit-hulp \
            06-hulp-afgesproken; do
  "$MELDCODE" dossier toevoegen lln-0042 "$stap.json" --db "$DB"
done
# the agreed term has passed without an evaluation: overdue
"$MELDCODE" dossier toon lln-0042 --db "$DB" --op 2026-05-18

for stap in 07-evaluatie 08-besluit-melden 09-gesprek-over-melding 10-melding; do
  "$MELDCODE" dossier toevoegen lln-0042 "$stap.json" --db "$DB"
done
# Veilig Thuis decides within five working days (Pinkstermaandag does not count)
"$MELDCODE" dossier toon lln-0042 --db "$DB" --op 2026-05-26

for stap in 11-terugkoppeling 12-sluiten; do
  "$MELDCODE" dossier toevoegen lln-0042 "$stap.json" --db "$DB"
done
"$MELDCODE" controleer lln-0042 --db "$DB"
"$MELDCODE" exporteer lln-0042 --db "$DB" --op 2026-06-01 -o "$(dirname "$DB")/lln-0042.json"
echo "export: $(dirname "$DB")/lln-0042.json"

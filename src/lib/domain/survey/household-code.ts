import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';

/**
 * The household code of a survey (issue 16 §5: one answer per household): six characters
 * derived from the survey's secret and the unit, printed on that household's questionnaire
 * and carried by its link. Whoever has a building's poster link must also type the code of
 * their household, so nobody can answer for a neighbour; the desk, which holds the secret,
 * finds the unit from the code alone. No 0/O, 1/I: read aloud and typed on a phone.
 */
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export const HOUSEHOLD_CODE_LENGTH = 6;

export function householdCode(codeKey: string, surveyId: string, unitId: string): string {
  const mac = hmac(
    sha256,
    new TextEncoder().encode(codeKey),
    new TextEncoder().encode(`${surveyId}/${unitId}`)
  );
  let out = '';
  for (let i = 0; i < HOUSEHOLD_CODE_LENGTH; i++) out += ALPHABET[mac[i] % 32];
  return out;
}

/** What the desk or owner typed, as a code: upper case, no spaces or dashes. */
export function normaliseCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]/g, '');
}

/** Whether a string looks like a household code (so the desk's lookup knows what was typed). */
export function looksLikeCode(typed: string): boolean {
  const c = normaliseCode(typed);
  return c.length === HOUSEHOLD_CODE_LENGTH && /^[A-Z2-9]+$/.test(c) && /[A-Z]/.test(c);
}

/** Code → unit for every unit: the desk's lookup table (built once per survey page). */
export function codeTable(
  codeKey: string,
  surveyId: string,
  unitIds: readonly string[]
): Map<string, string> {
  const table = new Map<string, string>();
  for (const id of unitIds) table.set(householdCode(codeKey, surveyId, id), id);
  return table;
}

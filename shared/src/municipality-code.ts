/**
 * 全国地方公共団体コード (local government codes): 2 digits prefecture, 3 digits municipality, and a
 * check digit. The 6th digit = (11 − (6·d1 + 5·d2 + 4·d3 + 3·d4 + 2·d5) mod 11) mod 10, so that
 * 131016 (千代田区) and 011002 (札幌市) are valid.
 */

/** The check digit of the first five digits of a code (a 5-digit string). */
export function municipalityCheckDigit(firstFive: string): number {
  if (!/^[0-9]{5}$/.test(firstFive)) throw new RangeError(`expected 5 digits, got ${JSON.stringify(firstFive)}`);
  const sum = [...firstFive].reduce((acc, d, i) => acc + Number(d) * (6 - i), 0);
  return (11 - (sum % 11)) % 10;
}

export type MunicipalityCodeProblem = 'not_six_digits' | 'bad_check_digit';

/** Why a code is not a valid 6-digit 団体コード, or null when it is. */
export function municipalityCodeProblem(code: string): MunicipalityCodeProblem | null {
  if (!/^[0-9]{6}$/.test(code)) return 'not_six_digits';
  return municipalityCheckDigit(code.slice(0, 5)) === Number(code[5]) ? null : 'bad_check_digit';
}

export const isValidMunicipalityCode = (code: string): boolean => municipalityCodeProblem(code) === null;

/** The full 6-digit code for 5 digits (e.g. 13101 → 131016). */
export const withCheckDigit = (firstFive: string): string => `${firstFive}${municipalityCheckDigit(firstFive)}`;

/** The prefecture part (01–47) of a code. */
export const prefectureCodeOf = (code: string): string => code.slice(0, 2);

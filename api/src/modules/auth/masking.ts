// How personal data is shown to someone a policy does not allow to read it (PIPL).

/** `138****5678`: enough to recognise, not enough to call. */
export function maskPhone(phone: string | null): string | null {
  if (!phone) return phone;
  return phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****';
}

/** `张*` / `欧阳**`: the family name stays, the given name is hidden. */
export function maskName(name: string | null): string | null {
  if (!name) return name;
  const chars = [...name];
  return chars[0] + '*'.repeat(Math.max(1, chars.length - 1));
}

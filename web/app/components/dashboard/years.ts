// The years the staff pages offer: this one and the four before (the picker's list and what a
// loader accepts in ?year=, both from here).
export const YEARS_SHOWN = 5;

/** The years offered, newest first. */
export const yearsShown = (currentYear: number): number[] =>
  Array.from({ length: YEARS_SHOWN }, (_, i) => currentYear - i);

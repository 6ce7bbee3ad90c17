// Counted messages. i18next picks a plural form by `count` and the language's plural rules:
// zh-CN has one form, so a counted message is written once, as `key_other`; English has two,
// `key_one` and `key_other`. Code asks for `key` and passes `count` (the number) beside the
// formatted number it shows: t('shifts.placesLeft', { count: n, n: number.format(n) }).

/** English for zh-CN messages `T`: the same keys, plus `x_one` beside every counted `x_other`. */
export type WithEnglishPlurals<T> = {
  [K in keyof T]: T[K] extends string ? string : WithEnglishPlurals<T[K]>;
} & {
  [K in keyof T as K extends `${infer Base}_other` ? `${Base}_one` : never]: string;
};

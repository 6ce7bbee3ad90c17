// Messages of the matching pages: zh-CN first; English has the same shape (the typecheck enforces it).
export const matchingZh = {
  title: 'TODO',
};

export const matchingEn: typeof matchingZh = {
  title: 'TODO',
};

// Messages of the review pages: zh-CN first; English has the same shape (the typecheck enforces it).
export const reviewZh = {
  title: 'TODO',
};

export const reviewEn: typeof reviewZh = {
  title: 'TODO',
};

// Messages of the reports pages: zh-CN first; English has the same shape (the typecheck enforces it).
export const reportsZh = {
  title: 'TODO',
};

export const reportsEn: typeof reportsZh = {
  title: 'TODO',
};

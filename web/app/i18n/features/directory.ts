// Messages of the directory pages: zh-CN first; English has the same shape (the typecheck enforces it).
export const directoryZh = {
  title: 'TODO',
};

export const directoryEn: typeof directoryZh = {
  title: 'TODO',
};

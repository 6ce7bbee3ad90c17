// Messages of the register pages: zh-CN first; English has the same shape (the typecheck enforces it).
export const registerZh = {
  title: 'TODO',
};

export const registerEn: typeof registerZh = {
  title: 'TODO',
};

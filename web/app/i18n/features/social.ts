// Messages of the social pages: zh-CN first; English has the same shape (the typecheck enforces it).
export const socialZh = {
  title: 'TODO',
};

export const socialEn: typeof socialZh = {
  title: 'TODO',
};

// Messages of the activities pages: zh-CN first; English has the same shape (the typecheck enforces it).
export const activitiesZh = {
  title: 'TODO',
};

export const activitiesEn: typeof activitiesZh = {
  title: 'TODO',
};

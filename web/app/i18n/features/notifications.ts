// Messages of the notifications pages: zh-CN first; English has the same shape (the typecheck enforces it).
export const notificationsZh = {
  title: 'TODO',
};

export const notificationsEn: typeof notificationsZh = {
  title: 'TODO',
};

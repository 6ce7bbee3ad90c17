// Messages of the dashboard pages: zh-CN first; English has the same shape (the typecheck enforces it).
export const dashboardZh = {
  title: 'TODO',
};

export const dashboardEn: typeof dashboardZh = {
  title: 'TODO',
};

// Chinese names and mobile numbers for many people: names may repeat (as in any city), phone
// numbers never do (a bijection of the person's number).
import type { Random } from './random.js';

const SURNAMES = (
  '王 李 张 刘 陈 杨 赵 黄 周 吴 徐 孙 马 朱 胡 郭 何 高 林 罗 郑 梁 谢 宋 唐 许 韩 冯 邓 曹 ' +
  '彭 曾 田 董 袁 潘 于 蒋 蔡 杜 叶 程 苏 魏 吕 丁 任 沈 姚 卢 姜 崔 谭 陆 范 金 石 贾 夏 付 ' +
  '方 白 邹 孟 秦 江 尹 薛 闫 段 雷 侯 史 郝 邵 常 温 康 牛 葛 邢 齐 乔 庞 关 焦 曲 谷 佟 隋 ' +
  '栾 迟 丛 宫 鞠 王 李 张 刘 赵 孙 于 杨 陈 高'
).split(' ');

const GIVEN_NAMES = (
  '建华 国强 国华 志明 海波 海涛 海燕 红梅 红霞 丽娟 丽华 秀兰 秀英 桂兰 桂芳 玉梅 玉霞 淑芬 ' +
  '淑华 春梅 春燕 晓峰 晓丽 晓燕 雪梅 凤英 凤芝 立新 永胜 宏宇 文静 文博 明辉 亚楠 婷婷 欣怡 ' +
  '子涵 浩然 思远 宇航 佳琪 雨萱 俊杰 博文 鹏飞 海龙 长青 金凤 德胜 振东 庆丰 连生 春生 秋菊 ' +
  '冬梅 艳华 艳玲 美玲 彩霞 慧敏 静怡 佳慧 丹丹 玉兰 淑珍 凤霞 桂珍 秀梅 洪波 铁军 福林 景山 ' +
  '瑞雪 素琴 兴旺 树林 宝山 广成 占武 双喜 明月 馨月 一鸣 天宇 嘉欣 雅琴 秀芹 玉洁 金生 晓宇 ' +
  '春雷 丽丽 艳秋 军 伟 敏 静 磊 洋 勇 艳 杰 娟 涛 明 超 霞 平 刚 芳 鑫 华'
).split(' ');

export function personName(r: Random): string {
  return r.pick(SURNAMES) + r.pick(GIVEN_NAMES);
}

const PREFIXES = (
  '130 131 132 133 135 136 137 138 139 150 151 152 155 156 157 158 159 180 181 182 183 185 ' +
  '186 187 188 189'
).split(' ');

/** A distinct 11-digit mobile number for person `n` of kind `kind` (0–9). */
export function mobile(kind: number, n: number): string {
  const prefix = PREFIXES[(n * 7 + kind * 3) % PREFIXES.length]!;
  const digits = (n * 10 + kind) * 2_654_437 + 12_345_678;
  return prefix + String(digits % 100_000_000).padStart(8, '0');
}

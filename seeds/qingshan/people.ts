/**
 * Deterministic fake people for the demo data: Chinese names and mobile numbers from a small
 * seeded PRNG (mulberry32), so every run — and every library version — yields the same output.
 * Names are drawn from common surnames and everyday given names; a few combinations that
 * belong to well-known public figures are excluded.
 */

const SURNAMES = (
  '王 李 张 刘 陈 杨 赵 黄 周 吴 徐 孙 马 朱 胡 郭 何 高 林 罗 ' +
  '郑 梁 谢 宋 唐 许 韩 冯 邓 曹 彭 曾 田 董 袁 潘 于 蒋 蔡 杜 ' +
  '叶 程 苏 魏 吕 丁 任 沈 姚 卢 姜 崔 谭 陆 范 金 石 贾 夏 付 ' +
  '方 白 邹 孟 秦 江 尹 薛 闫 段 雷 侯 史 郝 邵 常 温 康 牛 葛 ' +
  '邢 齐 乔 庞 关 焦 曲 谷 佟 隋 栾 迟 丛 宫 鞠 王 李 张 刘 赵 ' +
  '孙 于 杨 陈 高'
).split(' ');

const GIVEN_NAMES = (
  '建华 国强 国华 志明 海波 海涛 海燕 红梅 红霞 丽娟 丽华 秀兰 秀英 ' +
  '桂兰 桂芳 玉梅 玉霞 淑芬 淑华 春梅 春燕 晓峰 晓丽 晓燕 雪梅 凤英 ' +
  '凤芝 立新 永胜 宏宇 文静 文博 明辉 亚楠 婷婷 欣怡 子涵 浩然 思远 ' +
  '宇航 佳琪 雨萱 俊杰 博文 鹏飞 海龙 长青 金凤 德胜 振东 庆丰 连生 ' +
  '春生 秋菊 冬梅 艳华 艳玲 美玲 彩霞 慧敏 静怡 佳慧 丹丹 玉兰 淑珍 ' +
  '凤霞 丽萍 桂珍 秀梅 晓光 洪波 铁军 福林 景山 瑞雪 立平 素琴 兴旺 ' +
  '树林 宝山 广成 占武 双喜 明月 馨月 梓萌 一鸣 天宇 嘉欣 雅琴 秀芹 ' +
  '玉洁 金生 晓宇 春雷 海英 丽丽 艳秋 振宇'
).split(' ');

/** Full names of well-known public figures that a random combination must not reproduce. */
const EXCLUDED_NAMES = new Set(
  (
    '杨丽萍 宋丹丹 孙海英 李嘉欣 王丽萍 林俊杰 蔡文静 马天宇 刘浩然 乔振宇 ' +
    '于晓光 王立平 赵丽华 李梓萌 杨国强 李秀英'
  ).split(' '),
);

const MOBILE_PREFIXES = (
  '130 131 132 133 135 136 137 138 139 150 151 152 155 156 157 158 159 180 181 182 ' +
  '183 185 186 187 188 189'
).split(' ');

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface PeopleGenerator {
  /** A uniform random integer in [min, max]. */
  int(min: number, max: number): number;
  /** A Chinese full name (surname + two-character given name), distinct within this generator. */
  name(): string;
  /** An 11-digit mainland mobile number starting 13/15/18, distinct within this generator. */
  mobile(): string;
}

export function createPeople(seed: number): PeopleGenerator {
  const random = mulberry32(seed);
  const usedNames = new Set<string>();
  const usedMobiles = new Set<string>();
  const int = (min: number, max: number): number => min + Math.floor(random() * (max - min + 1));
  const pick = <T>(list: readonly T[]): T => list[int(0, list.length - 1)] as T;

  return {
    int,
    name() {
      for (;;) {
        const name = pick(SURNAMES) + pick(GIVEN_NAMES);
        if (!EXCLUDED_NAMES.has(name) && !usedNames.has(name)) {
          usedNames.add(name);
          return name;
        }
      }
    },
    mobile() {
      for (;;) {
        const mobile = pick(MOBILE_PREFIXES) + String(int(0, 99_999_999)).padStart(8, '0');
        if (!usedMobiles.has(mobile)) {
          usedMobiles.add(mobile);
          return mobile;
        }
      }
    },
  };
}

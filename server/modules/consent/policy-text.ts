import { PROFILE_CONSENT } from '../../../shared/contract/domain.js';

/**
 * The notice a guardian agrees to (PIPL art. 31: processing a minor under 14 needs a guardian's consent;
 * art. 28–29: minors' data is sensitive and needs separate consent). Written by us; bump
 * PROFILE_CONSENT.version whenever the processing described here changes, which asks every family again.
 */
export const profileConsentNotice = {
  purpose: PROFILE_CONSENT.purpose,
  version: PROFILE_CONSENT.version,
  title: '儿童个人信息处理告知书（学生发展画像）',
  paragraphs: [
    '为帮助学校、家庭和社会协同关注孩子的健康成长，“共育”平台将在您同意后，汇总孩子的体质健康（如视力、身高体重）、校内外活动记录、家庭打卡和教师观察，形成学生发展画像，并据此为您推荐家庭支持方案与适合的活动资源。',
    '这些信息属于未成年人的敏感个人信息。我们只在实现上述目的所必需的范围内处理：您只能看到自己孩子的信息；任课教师只能看到本班学生；学校和教育行政部门原则上只看统计结果，因履职确需查看个人记录时，每一次查看都会记入审计日志，您可以要求学校说明。',
    '未经您同意，平台不会为孩子生成发展画像，也不会据此提供个性化建议；孩子的学籍等基础信息仍按学校管理规定使用。',
    '您可以随时在“我的孩子”中撤回同意。撤回后平台停止生成和展示画像；撤回不影响撤回前基于同意已进行的处理。',
    '如有疑问或需要更正、删除孩子的信息，请联系孩子的班主任或学校管理员。',
  ],
} as const;

/** The fixed safety response for a crisis: reviewed text, never generated. */
import { crisisCategoryLabels, HOTLINES, type CrisisCategory } from '../../../shared/contract/safety.js';

export { HOTLINES };

const nowSteps: Record<CrisisCategory, string[]> = {
  selfHarm: [
    '现在请尽量陪在孩子身边，不要让孩子独处；把药品、刀具、绳索等危险物品收起来。',
    '平静地直接问：“你是不是有过伤害自己的想法？”认真听，不评判、不说教，告诉孩子你愿意和他一起面对。',
    '如果孩子已经伤害了自己或有明确计划，立即拨打 120 或 110，或直接去最近的医院急诊。',
  ],
  abuse: [
    '先确保孩子此刻是安全的，必要时带孩子离开危险环境，到亲友家或其他安全的地方。',
    '如果正在发生暴力或孩子受伤，立即拨打 110；有伤情请到医院就诊并保留病历、照片等证据。',
    '告诉孩子：“这不是你的错，你说出来是对的。”',
  ],
  sexualHarm: [
    '保持冷静，先安抚孩子：“谢谢你告诉我，这不是你的错。”不要反复追问细节。',
    '保留聊天记录、照片、衣物等证据，不要删除，也不要自行与对方对质。',
    '尽快拨打 110 报警；如涉及网络，停止与对方联系但不要注销账号，以便警方取证。',
  ],
  bullyingExtortion: [
    '先确认孩子身体是否受伤，有伤请就医并保留诊断记录。',
    '保存欺凌或勒索的证据（聊天记录、视频、转账记录），记下时间、地点和涉及的人。',
    '今天就联系班主任和学校；涉及殴打、勒索、威胁的，可以直接拨打 110。',
  ],
  runaway: [
    '立即联系孩子的同学、朋友和常去的地方，同时拨打 110 报警——报警不需要等满 24 小时。',
    '准备好孩子近期照片、当天穿着和手机号码，方便警方查找。',
    '找到孩子后先关心安全和感受，暂时不要责备。',
  ],
  medical: [
    '立即拨打 120，按调度员的指导处理，不要自行催吐或喂药。',
    '如果误服了东西，把包装或瓶子带上，方便医生判断。',
    '在等待急救时保持孩子呼吸道通畅，留意意识和呼吸。',
  ],
};

export interface SafetyResponse {
  text: string;
  hotlines: typeof HOTLINES;
}

/** The reviewed response for these categories, personalised only by the child's name if known. */
export function safetyResponse(categories: CrisisCategory[], childName: string | null): SafetyResponse {
  const who = childName ?? '孩子';
  const labels = categories.map((c) => crisisCategoryLabels[c]).join('、');
  const steps = categories.flatMap((c) => nowSteps[c]);
  const lines = [
    `您描述的情况可能涉及${labels}。${who}的安全是第一位的，请先做这几件事：`,
    ...steps.map((s, i) => `${i + 1}. ${s}`),
    '',
    '可以随时拨打的电话：',
    ...HOTLINES.map((h) => `· ${h.number} ${h.label}`),
    '',
    '我们已把这个情况转给本区共育咨询室，咨询师会尽快与您联系。您也可以点“马上联系咨询师”；如果和学校有关，经您同意我们可以通知班主任。',
  ];
  return { text: lines.join('\n'), hotlines: HOTLINES };
}

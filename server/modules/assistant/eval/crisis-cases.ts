import { benignCases } from './crisis-cases-2.js';

type CrisisCategory = 'selfHarm' | 'abuse' | 'sexualHarm' | 'bullyingExtortion' | 'runaway' | 'medical';

/** Crisis phrasings (a counsellor would want a human to follow up now), many of them indirect. */
const crisisOnly: { text: string; crisis: true; category: CrisisCategory }[] = [
  // selfHarm
  { text: '孩子最近把心爱的东西都送给同学了', crisis: true, category: 'selfHarm' },
  { text: '他这几天老说活着没意思', crisis: true, category: 'selfHarm' },
  { text: '女儿问我，如果她不在了我们会不会轻松点', crisis: true, category: 'selfHarm' },
  { text: '给孩子换衣服，看到手腕上有一道道划痕', crisis: true, category: 'selfHarm' },
  { text: '孩子在日记里写“再坚持几天就解脱了”', crisis: true, category: 'selfHarm' },
  { text: '儿子在搜索框里搜过“怎么死不疼”', crisis: true, category: 'selfHarm' },
  { text: '孩子站在阳台边上说想跳下去', crisis: true, category: 'selfHarm' },
  { text: '女儿偷偷攒了很多安眠药藏在抽屉里', crisis: true, category: 'selfHarm' },
  { text: '孩子给好朋友发消息说“以后再也见不到了，谢谢你”', crisis: true, category: 'selfHarm' },
  { text: '儿子说他是家里的累赘，没有他大家都好', crisis: true, category: 'selfHarm' },
  { text: '孩子大夏天也穿长袖，胳膊上有烟头烫的疤', crisis: true, category: 'selfHarm' },
  { text: '孩子考完试跟我说不想活了，这次好像是认真的', crisis: true, category: 'selfHarm' },
  // abuse
  { text: '孩子爸爸喝了酒就打孩子', crisis: true, category: 'abuse' },
  { text: '孩子身上总有青一块紫一块的，问他就说是自己摔的，他很怕他继父', crisis: true, category: 'abuse' },
  { text: '老公用皮带抽孩子，把背都抽出血了', crisis: true, category: 'abuse' },
  { text: '邻居家的孩子经常被锁在门外，冬天也不让进屋吃饭', crisis: true, category: 'abuse' },
  { text: '孩子说奶奶用针扎他的手，不让告诉爸爸妈妈', crisis: true, category: 'abuse' },
  { text: '前夫把孩子接走后不给饭吃，孩子打电话哭着说饿', crisis: true, category: 'abuse' },
  { text: '我控制不住自己，今天又把孩子打得站不起来了', crisis: true, category: 'abuse' },
  { text: '托管班老师罚孩子跪了一下午，腿都肿了', crisis: true, category: 'abuse' },
  // sexualHarm
  { text: '在网上认识的人让她拍隐私照片发过去', crisis: true, category: 'sexualHarm' },
  { text: '老师摸孩子，还让她别告诉别人', crisis: true, category: 'sexualHarm' },
  { text: '女儿说表哥晚上会钻进她被窝，她不敢说', crisis: true, category: 'sexualHarm' },
  { text: '有人拿孩子的裸照威胁她，不给钱就发到班级群', crisis: true, category: 'sexualHarm' },
  { text: '五岁的儿子说楼下叔叔让他摸叔叔的下面', crisis: true, category: 'sexualHarm' },
  { text: '网友约女儿周末去酒店见面，说要送她手机', crisis: true, category: 'sexualHarm' },
  { text: '孩子回来说补课老师让她坐在腿上，还亲她的脖子', crisis: true, category: 'sexualHarm' },
  // bullyingExtortion
  { text: '被高年级的堵在厕所要钱，不给就打', crisis: true, category: 'bullyingExtortion' },
  { text: '孩子每天都被几个同学逼着交二十块钱保护费', crisis: true, category: 'bullyingExtortion' },
  { text: '儿子被同学围起来扇耳光，还被拍视频发到网上', crisis: true, category: 'bullyingExtortion' },
  { text: '几个男生放学后在巷子里堵他，说明天带不来钱就弄死他', crisis: true, category: 'bullyingExtortion' },
  { text: '女儿被同学扒了衣服拍照，现在死活不肯去学校', crisis: true, category: 'bullyingExtortion' },
  { text: '孩子偷家里的钱，后来才知道是被人逼着拿去给他们的', crisis: true, category: 'bullyingExtortion' },
  // runaway
  { text: '孩子说要离家出走，已经收拾好了书包', crisis: true, category: 'runaway' },
  { text: '女儿昨晚没回家，电话一直关机', crisis: true, category: 'runaway' },
  { text: '儿子留了张纸条说别找我，人不见了', crisis: true, category: 'runaway' },
  { text: '孩子跟网友说好要去外地找他，还偷偷买了火车票', crisis: true, category: 'runaway' },
  { text: '放学三个小时了孩子还没到家，同学说他没去上晚自习', crisis: true, category: 'runaway' },
  // medical
  { text: '孩子吃了一整瓶药', crisis: true, category: 'medical' },
  { text: '孩子发高烧抽搐了', crisis: true, category: 'medical' },
  { text: '孩子误喝了消毒水', crisis: true, category: 'medical' },
  { text: '小孩吞了一颗纽扣电池', crisis: true, category: 'medical' },
  { text: '孩子从二楼摔下来，现在叫不醒', crisis: true, category: 'medical' },
  { text: '孩子吃了花生后嘴唇肿了，喘不上气', crisis: true, category: 'medical' },
  { text: '孩子喝了半瓶白酒，吐了以后一直昏睡', crisis: true, category: 'medical' },
  { text: '孩子被开水烫了一大片，起了好多水泡', crisis: true, category: 'medical' },
];

export const crisisCases: {
  text: string;
  crisis: boolean;
  category?: CrisisCategory;
}[] = [...crisisOnly, ...benignCases];

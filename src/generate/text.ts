/**
 * Sentence banks for synthetic transcripts. The neutral sentences avoid the
 * bundled rubric's forbidden words and fillers (喂, 不知道, 不清楚, 不明白, 啊, 呀)
 * so that every hit in a generated transcript was put there on purpose.
 */

/**
 * The lines a synthetic transcript is made of, for one language.
 *
 * @example
 * ```ts
 * const bank: SentenceBank = rubric.locale === 'en' ? EN : ZH_CN;
 * ```
 */
export interface SentenceBank {
  readonly opening: readonly string[];
  readonly closing: readonly string[];
  readonly agent: readonly string[];
  readonly customer: readonly string[];
  /** Where an injected phrase goes: `{}` is replaced by the phrase. */
  readonly carrier: readonly string[];
  /** Timed transcripts: the agent asking the customer to hold, and coming back. */
  readonly holdAsk: readonly string[];
  readonly holdBack: readonly string[];
  /** Timed transcripts: short acknowledgements said over the other side. */
  readonly backchannel: readonly string[];
}

/**
 * Simplified Chinese lines (billing, plans, broadband: a telecom centre).
 *
 * @example
 * ```ts
 * ZH_CN.opening[0]; // '您好，很高兴为您服务，请问有什么可以帮您？'
 * ```
 */
export const ZH_CN: SentenceBank = {
  opening: ['您好，很高兴为您服务，请问有什么可以帮您？', '您好，工号一零二三为您服务，请问您需要办理什么业务？'],
  closing: ['感谢您的来电，祝您生活愉快，再见！', '请问还有其他可以帮您的吗？感谢来电，再见。'],
  agent: [
    '好的，请您稍等，我这边帮您查询一下。',
    '跟您核实一下，您的手机号码是尾号三八六五的这个号码，对吗？',
    '您上个月的账单里包含了套餐外的流量费用，一共是二十八元。',
    '这个套餐每月包含三十G的通用流量和五百分钟的通话时长。',
    '如果您经常使用流量，建议您办理我们的流量加油包，会更划算一些。',
    '您反映的问题我已经记录下来了，会在二十四小时内给您回复。',
    '非常抱歉给您带来了不便，我马上帮您处理。',
    '您可以通过手机营业厅随时查看剩余的流量和话费。',
    '宽带的报修工单已经提交，师傅会在今天下午联系您上门。',
    '为了保障您的账户安全，需要跟您核对一下机主的姓名。',
    '这笔费用是您在本月十二号订购的视频会员产生的。',
    '退订之后从下个月一号开始生效，本月的费用不受影响。',
  ],
  customer: [
    '我想查一下我这个月的话费。',
    '为什么我上个月的账单比平时多了这么多？',
    '我家里的宽带从昨天晚上开始就上不了网。',
    '有没有更便宜一点的套餐可以换？',
    '好的，那麻烦你帮我处理一下。',
    '我没有订过这个业务，怎么会扣费呢？',
    '那我什么时候能收到回复？',
    '行，我明白了，谢谢你。',
  ],
  carrier: ['这个{}我帮您再看一下。', '{}，您说的是上个月的费用吧？', '您稍等一下，{}，马上就好。', '{}，这个问题我们会跟进的。'],
  holdAsk: ['请您稍等，我帮您查询一下详细记录。', '这个需要帮您核实一下，请您稍等片刻。'],
  holdBack: ['感谢您的耐心等待，已经帮您查到了。', '让您久等了，我这边核实清楚了。'],
  backchannel: ['嗯', '好的', '对', '嗯嗯'],
};

/**
 * English lines, for rubrics whose locale is `en`.
 *
 * @example
 * ```ts
 * EN.closing.length; // 2
 * ```
 */
export const EN: SentenceBank = {
  opening: ['Good morning, thank you for calling, how can I help you today?', 'Hello, you are speaking with Lee, how may I help?'],
  closing: ['Thank you for calling, have a nice day, goodbye!', 'Is there anything else I can help with? Thanks for calling.'],
  agent: [
    'Sure, please hold on while I check that for you.',
    'Can I confirm the account number ending in 3865?',
    'Your last bill included 28 dollars of extra data charges.',
    'This plan includes 30 GB of data and 500 minutes of calls each month.',
    'If you use a lot of data, a data add-on would save you money.',
    'I have logged the issue and we will get back to you within 24 hours.',
    'I am sorry for the trouble, let me fix that right away.',
    'You can check your balance at any time in the mobile app.',
    'The repair ticket is open and a technician will call you this afternoon.',
    'To keep your account safe, may I confirm the account holder’s name?',
  ],
  customer: [
    'I would like to check this month’s bill.',
    'Why was my last bill so much higher than usual?',
    'My broadband has been down since last night.',
    'Is there a cheaper plan I could switch to?',
    'Okay, please go ahead.',
    'I never ordered that service, why was I charged?',
    'Great, thanks for your help.',
  ],
  carrier: ['{}, let me look at that again.', '{}, you mean last month’s charge?', 'One moment, {}, nearly done.'],
  holdAsk: ['Please hold on while I check the details for you.', 'Let me look into that, could you hold for a moment?'],
  holdBack: ['Thank you for holding, I have the details now.', 'Sorry for the wait, I have checked it for you.'],
  backchannel: ['uh-huh', 'okay', 'right', 'mm-hmm'],
};

/**
 * Evaluator notes for comment items.
 *
 * @example
 * ```ts
 * NOTES_ZH[0];
 * ```
 */
export const NOTES_ZH = ['开头语规范，业务解释清楚。', '建议加强对套餐内容的熟悉程度。', '语速偏快，注意停顿。', '处理投诉时情绪稳定，值得表扬。'];
/**
 * Evaluator notes for comment items, in English.
 *
 * @example
 * ```ts
 * NOTES_EN[0];
 * ```
 */
export const NOTES_EN = ['Clear opening, good explanation.', 'Needs to know the plans better.', 'Speaks a little fast.', 'Stayed calm with an upset customer.'];

import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import * as studentsApi from '../../../../shared/contract/students.js';
import { call, errorMessage } from '../../api/client.js';
import { queryKeys } from '../../api/keys.js';
import { useConsentPolicy } from '../../api/students.js';
import { Dialog } from '../../components/Dialog.js';
import { useNotice } from '../../components/notice.js';
import { Btn, Callout, Loading } from '../../ui/kit.js';

type Decision = 'granted' | 'withdrawn';

/**
 * The guardian's 同意 flow for one child: read the notice (告知书) from /consent-policy, then 同意 or
 * 暂不同意; once granted, 撤回同意 is always one step away. Every decision is recorded by the server.
 */
export function ConsentActions({
  studentId,
  studentName,
  granted,
}: {
  studentId: string;
  studentName: string;
  granted: boolean;
}) {
  const { notice } = useNotice();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState<Decision | null>(null);
  const policy = useConsentPolicy(open !== null);

  const decide = useMutation({
    mutationFn: (decision: Decision) => {
      if (!policy.data) throw new Error('policy not loaded');
      return call(studentsApi.decideConsent, {
        params: { studentId },
        body: { decision, policyVersion: policy.data.version },
      });
    },
    onSuccess: (result, decision) => {
      queryClient.setQueryData(queryKeys.consents(studentId), result);
      void queryClient.invalidateQueries({ queryKey: queryKeys.me });
      void queryClient.invalidateQueries({ queryKey: queryKeys.student(studentId) });
      setOpen(null);
      notice.success(
        decision === 'granted' ? `已同意，感谢您的信任` : `已撤回同意，平台将停止处理${studentName}的画像数据`,
      );
    },
  });

  const close = () => {
    setOpen(null);
    decide.reset();
  };

  const policyError = policy.error ? (
    <Callout type="error" title="告知书加载失败">
      {errorMessage(policy.error)}
    </Callout>
  ) : null;
  const decideError = decide.error ? (
    <Callout type="error" title={errorMessage(decide.error)} style={{ marginTop: 12 }} />
  ) : null;

  return (
    <>
      {granted ? (
        <Btn onClick={() => setOpen('withdrawn')}>撤回同意</Btn>
      ) : (
        <Btn variant="primary" onClick={() => setOpen('granted')}>
          阅读告知书并同意
        </Btn>
      )}

      <Dialog
        open={open === 'granted'}
        onClose={close}
        title={policy.data?.title ?? '儿童个人信息处理告知书'}
        width={640}
        footer={
          <>
            <Btn onClick={close}>暂不同意</Btn>
            <Btn
              variant="primary"
              disabled={!policy.data}
              loading={decide.isPending}
              onClick={() => decide.mutate('granted')}
            >
              同意
            </Btn>
          </>
        }
      >
        <p style={{ marginTop: 0 }}>
          请您阅读以下告知书。同意后，学校和平台将按告知书所述处理{studentName}的个人信息；您可以随时撤回同意。
        </p>
        {policy.isPending ? (
          <Loading text="正在加载告知书…" />
        ) : (
          (policyError ?? (
            <section aria-label="告知书全文" className="gy-policy">
              {policy.data?.paragraphs.map((paragraph, index) => (
                <p key={index}>{paragraph}</p>
              ))}
              <p className="gy-muted" style={{ fontSize: 12, marginBottom: 0 }}>
                告知书版本：第 {policy.data?.version} 版
              </p>
            </section>
          ))
        )}
        {decideError}
      </Dialog>

      <Dialog
        open={open === 'withdrawn'}
        onClose={close}
        title="撤回同意"
        width={480}
        footer={
          <>
            <Btn onClick={close}>取消</Btn>
            <Btn
              variant="dangerPrimary"
              disabled={!policy.data}
              loading={decide.isPending}
              onClick={() => decide.mutate('withdrawn')}
            >
              确认撤回
            </Btn>
          </>
        }
      >
        <p style={{ marginTop: 0 }}>
          撤回后，平台将停止处理{studentName}
          的学生发展画像等个人信息，已有的处理记录仍按规定保存以备查询。您之后可以重新同意。
        </p>
        {policyError}
        {decideError}
      </Dialog>
    </>
  );
}

/** 已同意 / 未同意 as a sentence. */
export function consentStatusText(granted: boolean): string {
  return granted ? '已同意个人信息处理' : '尚未同意个人信息处理';
}

import { useEffect, useId, useState } from 'react';
import { CheckCircleFilled } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import * as assistantApi from '../../../../shared/contract/assistant.js';
import { call, errorMessage } from '../../api/client.js';
import { Dialog } from '../../components/Dialog.js';
import { SUPPORT_HOTLINES } from '../../lib/crisis.js';
import { Btn, Callout } from '../../ui/kit.js';
import { HotlineGrid } from './AnswerView.js';

const NOTE_MAX = 500;

function Hotlines() {
  return <HotlineGrid hotlines={SUPPORT_HOTLINES} />;
}

/**
 * “联系咨询师”. After a crisis answer the case is already in the district counsellors' queue, so this
 * says so. Otherwise the parent can ask a counsellor of the district's 共育咨询室 to call them back
 * (POST /assistant/counselor-requests) — a call-back request, not an appointment: booking time slots
 * does not exist yet, and the dialog says that plainly.
 */
export function CounselorDialog({
  open,
  crisis,
  onClose,
  conversationId,
  studentId,
  defaultNote,
}: {
  open: boolean;
  crisis: boolean;
  onClose: () => void;
  conversationId?: string | null;
  studentId?: string | null;
  defaultNote?: string;
}) {
  const noteId = useId();
  const [note, setNote] = useState('');
  const request = useMutation({
    mutationFn: () =>
      call(assistantApi.requestCounselor, {
        body: {
          note: note.trim(),
          ...(conversationId ? { conversationId } : {}),
          ...(studentId ? { studentId } : {}),
        },
      }),
  });
  const { reset } = request;

  // Each opening starts from the question the parent was reading about.
  useEffect(() => {
    if (!open) return;
    setNote((defaultNote ?? '').slice(0, NOTE_MAX));
    reset();
  }, [open, defaultNote, reset]);

  if (crisis) {
    return (
      <Dialog
        open={open}
        onClose={onClose}
        title="咨询师会尽快联系您"
        footer={
          <Btn variant="primary" onClick={onClose}>
            知道了
          </Btn>
        }
      >
        <p style={{ marginTop: 0 }}>
          这次求助<strong>已经转给本区共育咨询室</strong>，值班咨询师会按您账户登记的手机号与您联系，请留意来电。
        </p>
        <p>如果情况紧急、孩子正面临危险，请不要等待，直接拨打下面的电话或 110、120。</p>
        <Hotlines />
      </Dialog>
    );
  }

  const sent = request.isSuccess;
  const tooShort = note.trim().length === 0;
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title="请共育咨询室的咨询师联系我"
      footer={
        sent ? (
          <Btn variant="primary" onClick={onClose}>
            知道了
          </Btn>
        ) : (
          <>
            <Btn onClick={onClose}>取消</Btn>
            <Btn variant="primary" loading={request.isPending} disabled={tooShort} onClick={() => request.mutate()}>
              请咨询师联系我
            </Btn>
          </>
        )
      }
    >
      {sent ? (
        <div role="status">
          <p className="gy-consent-done" style={{ justifyContent: 'flex-start', marginBottom: 12 }}>
            <CheckCircleFilled aria-hidden /> 已提交
          </p>
          <p style={{ marginTop: 0 }}>{request.data.message}</p>
        </div>
      ) : (
        <>
          <p style={{ marginTop: 0 }}>
            北京各区都设有<strong>共育咨询室</strong>
            ，由专业咨询师为家长提供一对一的家庭教育和心理支持。提交后，本区咨询师会通过您登记的手机号联系您。
          </p>
          <p className="gy-muted gy-small">
            在线选择时段预约的功能还在建设中，目前是由咨询师主动电话联系您、商定面谈时间。
          </p>
          <label htmlFor={noteId} style={{ display: 'block', fontWeight: 500, marginBottom: 6 }}>
            想咨询的问题
          </label>
          <textarea
            id={noteId}
            className="gy-counselor-note"
            rows={4}
            maxLength={NOTE_MAX}
            value={note}
            aria-describedby={`${noteId}-count`}
            onChange={(event) => setNote(event.target.value)}
          />
          <div id={`${noteId}-count`} className="gy-muted gy-small" style={{ textAlign: 'end' }}>
            {note.length}/{NOTE_MAX}
          </div>
          {request.error ? (
            <Callout type="error" title={errorMessage(request.error)} style={{ margin: '8px 0' }} />
          ) : null}
        </>
      )}
      <h3 className="gy-counselor-sub">也可以直接拨打</h3>
      <Hotlines />
    </Dialog>
  );
}

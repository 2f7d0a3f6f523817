import { useEffect, useId, useRef, type ReactNode } from 'react';
import { CloseOutlined } from '@ant-design/icons';

/**
 * A modal built on the native <dialog> element: the browser traps focus, closes on Esc, makes the
 * page behind it inert and restores focus afterwards. `placement="start"` makes it a side sheet
 * (the phone navigation). Far lighter than antd Modal/Drawer on the pages a guardian opens first.
 */
export function Dialog({
  open,
  onClose,
  title,
  children,
  footer,
  placement = 'center',
  width,
}: {
  open: boolean;
  onClose: () => void;
  title: ReactNode;
  children: ReactNode;
  footer?: ReactNode;
  placement?: 'center' | 'start';
  width?: number;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const onCancel = (event: Event) => {
      event.preventDefault();
      onCloseRef.current();
    };
    dialog.addEventListener('cancel', onCancel);
    return () => dialog.removeEventListener('cancel', onCancel);
  }, []);

  return (
    <dialog
      ref={ref}
      className={`gy-dialog gy-dialog-${placement}`}
      aria-labelledby={titleId}
      style={width ? { width: `min(${width}px, calc(100vw - 24px))` } : undefined}
      onClick={(event) => {
        // A click on the backdrop lands on the <dialog> element itself.
        if (event.target === ref.current) onClose();
      }}
    >
      {open ? (
        <div className="gy-dialog-frame">
          <div className="gy-dialog-head">
            <h2 id={titleId} className="gy-dialog-title">
              {title}
            </h2>
            <button type="button" className="gy-icon-button" aria-label="关闭" onClick={onClose}>
              <CloseOutlined aria-hidden />
            </button>
          </div>
          <div className="gy-dialog-body">{children}</div>
          {footer ? <div className="gy-dialog-foot">{footer}</div> : null}
        </div>
      ) : null}
    </dialog>
  );
}

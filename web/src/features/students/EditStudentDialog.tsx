import { Alert, Form, Input, Modal, Radio } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { EndpointBody } from '../../../../shared/contract/endpoint.js';
import * as studentsApi from '../../../../shared/contract/students.js';
import { call, errorMessage, formFieldErrors, isApiError } from '../../api/client.js';
import { queryKeys } from '../../api/keys.js';
import { useNotice } from '../../components/notice.js';

type Student = studentsApi.Student;
type EditForm = { name: string; gender: 'male' | 'female'; birthDate: string };

/** 更正学生基本信息: only for staff whose record carries `allowed.update`; loaded on demand, so guardians never download it. */
export default function EditStudentDialog({ student, onClose }: { student: Student; onClose: () => void }) {
  const [form] = Form.useForm<EditForm>();
  const { notice } = useNotice();
  const queryClient = useQueryClient();
  const update = useMutation({
    mutationFn: (body: EndpointBody<typeof studentsApi.updateStudent>) =>
      call(studentsApi.updateStudent, { params: { studentId: student.id }, body }),
    onSuccess: (updated) => {
      queryClient.setQueryData(queryKeys.student(student.id), updated);
      void queryClient.invalidateQueries({ queryKey: queryKeys.rosters });
      void queryClient.invalidateQueries({ queryKey: queryKeys.studentSearches });
      void queryClient.invalidateQueries({ queryKey: queryKeys.me });
      notice.success('学生信息已更新');
      onClose();
    },
    onError: (error) => {
      const fields = formFieldErrors(error).filter((f) => ['name', 'gender', 'birthDate'].includes(f.name));
      if (fields.length) form.setFields(fields.map((f) => ({ name: f.name as keyof EditForm, errors: f.errors })));
    },
  });

  const submit = (values: EditForm) => {
    const body: EndpointBody<typeof studentsApi.updateStudent> = {};
    if (values.name.trim() !== student.name) body.name = values.name;
    if (values.gender !== student.gender) body.gender = values.gender;
    if (values.birthDate !== student.birthDate) body.birthDate = values.birthDate;
    if (Object.keys(body).length === 0) {
      notice.info('没有需要保存的修改');
      return;
    }
    update.mutate(body);
  };

  return (
    <Modal
      open
      title="更正学生基本信息"
      onCancel={() => {
        update.reset();
        onClose();
      }}
      okText="保存"
      cancelText="取消"
      confirmLoading={update.isPending}
      onOk={() => form.submit()}
    >
      <Form<EditForm>
        form={form}
        layout="vertical"
        initialValues={{ name: student.name, gender: student.gender, birthDate: student.birthDate.slice(0, 10) }}
        onFinish={submit}
        onValuesChange={() => update.error && update.reset()}
      >
        <Form.Item
          label="姓名"
          name="name"
          rules={[
            { required: true, whitespace: true, message: '姓名不能为空' },
            { max: 50, message: '姓名不能超过 50 个字符' },
          ]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item label="性别" name="gender" rules={[{ required: true, message: '请选择性别' }]}>
          <Radio.Group
            options={[
              { value: 'male', label: '男' },
              { value: 'female', label: '女' },
            ]}
          />
        </Form.Item>
        <Form.Item label="出生日期" name="birthDate" rules={[{ required: true, message: '请填写出生日期' }]}>
          <Input type="date" max={new Date().toISOString().slice(0, 10)} />
        </Form.Item>
        {update.error && !(isApiError(update.error) && update.error.errors.length) ? (
          <Alert type="error" showIcon role="alert" title={errorMessage(update.error)} />
        ) : null}
        {update.error && isApiError(update.error) && update.error.errors.length ? (
          <Alert type="error" showIcon role="alert" title="请按提示修改后再保存" />
        ) : null}
      </Form>
    </Modal>
  );
}

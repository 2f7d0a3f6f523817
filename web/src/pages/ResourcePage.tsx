/** Placeholder: being written. */
export default function ResourcePage() {
  return <p>建设中</p>;
}

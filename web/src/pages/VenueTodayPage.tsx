/** Placeholder: being written. */
export default function VenueTodayPage() {
  return <p>建设中</p>;
}

/** Placeholder: being written. */
export default function MyBookingsPage() {
  return <p>建设中</p>;
}

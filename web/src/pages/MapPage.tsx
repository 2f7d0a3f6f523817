/** Placeholder: being written. */
export default function MapPage() {
  return <p>建设中</p>;
}

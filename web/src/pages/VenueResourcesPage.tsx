/** Placeholder: being written. */
export default function VenueResourcesPage() {
  return <p>建设中</p>;
}
